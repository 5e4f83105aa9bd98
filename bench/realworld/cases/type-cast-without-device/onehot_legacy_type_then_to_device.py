# source: https://github.com/akshat0123/GPT-1/pull/4
# error: none reported: the cast to torch.FloatTensor is followed by a move back to the decoder's device
# pattern: type-cast-without-device
# shape: helper, loader-loop
# looks-like: type-cast-without-device
# cpu: clean
# needs: torch
import torch
from torch.nn import CrossEntropyLoss, Module, Linear
from torch.optim import SGD
from torch.utils.data import DataLoader, TensorDataset


class TransformerDecoder(Module):
    def __init__(self, v=50, w=8, d=32, device="cpu"):
        super().__init__()
        self.device = device
        self.w = w
        self.proj = Linear(v, d)
        self.out = Linear(d * w, v)
        self.to(device)

    def forward(self, x):
        h = torch.relu(self.proj(x))
        return self.out(h.flatten(1))


def train_epoch(decoder, loader, criterion, optimizer, vsize):
    total_loss, count = 0.0, 0
    for x, y in loader:
        optimizer.zero_grad()
        x = x.to(device=decoder.device)
        x = torch.nn.functional.one_hot(x, vsize)
        x = x.type(torch.FloatTensor).to(device=decoder.device)
        y = y.to(device=decoder.device)

        pred = decoder(x)
        loss = criterion(pred, y)
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
        count += x.shape[0]
    return total_loss / count


if __name__ == "__main__":
    device = "cuda:0" if torch.cuda.is_available() else "cpu"
    vsize, window = 50, 8
    data = TensorDataset(torch.randint(0, vsize, (64, window)), torch.randint(0, vsize, (64,)))
    model = TransformerDecoder(v=vsize, w=window, device=device)
    opt = SGD(model.parameters(), lr=0.01)
    print(train_epoch(model, DataLoader(data, batch_size=16), CrossEntropyLoss(), opt, vsize))
