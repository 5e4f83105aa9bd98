# source: https://github.com/pytorch/tutorials/pull/211
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class, loader-loop
# looks-like: legacy-tensor-constructor
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class CharRNN(nn.Module):
    def __init__(self, n_letters=20, hidden_size=32, n_categories=5):
        super().__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(n_letters + hidden_size, hidden_size)
        self.i2o = nn.Linear(n_letters + hidden_size, n_categories)

    def init_hidden(self, like):
        return like.new_zeros(like.size(0), self.hidden_size)

    def forward(self, letters):
        hidden = self.init_hidden(letters)
        output = None
        for t in range(letters.size(1)):
            combined = torch.cat((letters[:, t], hidden), 1)
            hidden = torch.tanh(self.i2h(combined))
            output = self.i2o(combined)
        return output.log_softmax(-1)


def category_tensor(categories, like):
    return like.new_tensor(categories, dtype=torch.long)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CharRNN().to(device)
    ds = TensorDataset(torch.randn(16, 7, 20), torch.randint(0, 5, (16,)))
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for letters, cats in DataLoader(ds, batch_size=4):
        letters = letters.to(device)
        target = category_tensor(cats.tolist(), letters)
        loss = nn.functional.nll_loss(model(letters), target)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(loss.item())
