# source: https://github.com/hunkim/PyTorchZeroToAll/pull/6
# error: RuntimeError: Input and parameter tensors are not at the same device, found input tensor at cpu and parameter tensor at cuda:0
# pattern: discarded-tensor-move
# shape: helper
# bug-lines: 33, 34
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

idx2char = ["h", "i", "e", "l", "o"]
x_data = [0, 1, 0, 2, 3, 3]  # hihell
y_data = [1, 0, 2, 3, 3, 4]  # ihello


class Model(nn.Module):
    def __init__(self, num_classes=5, hidden_size=5):
        super().__init__()
        self.rnn = nn.RNN(input_size=num_classes, hidden_size=hidden_size, batch_first=True)

    def forward(self, x, hidden):
        out, hidden = self.rnn(x.view(1, 1, -1), hidden)
        return out.view(-1, 5), hidden

    def init_hidden(self):
        return torch.zeros(1, 1, 5, device=next(self.parameters()).device)


def make_batch():
    inputs = torch.eye(5)[x_data]
    labels = torch.tensor(y_data)
    if torch.cuda.is_available():
        inputs.cuda()
        labels.cuda()
    return inputs, labels


def train_epoch(model, optimizer, criterion):
    inputs, labels = make_batch()
    hidden = model.init_hidden()
    loss, predicted = 0, []
    for x, y in zip(inputs, labels):
        output, hidden = model(x, hidden)
        loss = loss + criterion(output, y.unsqueeze(0))
        predicted.append(idx2char[output.argmax(1).item()])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item(), "".join(predicted)


if __name__ == "__main__":
    model = Model()
    if torch.cuda.is_available():
        model.cuda()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(5):
        print(epoch, *train_epoch(model, optimizer, criterion))
