import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(32, 4)

    def forward(self, x):
        return self.fc(x)


class Fitter:
    def __init__(self):
        # trained on the CPU: moving it here would break fit()'s CPU batches
        self.model = Classifier()
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)

    def fit(self, batches):
        for x, y in batches:
            self.opt.zero_grad()
            F.cross_entropy(self.model(x), y).backward()
            self.opt.step()


def accuracy(model, batches):
    # the helper picks a device for the inputs, and not for the model it is handed
    device = "cuda" if torch.cuda.is_available() else "cpu"
    hits = total = 0
    for x, y in batches:
        x, y = x.to(device), y.to(device)
        hits += (model(x).argmax(-1) == y).sum().item()  # expect: TL211:18 lines=18,33
        total += len(y)
    return hits / total


if __name__ == "__main__":
    data = [(torch.randn(8, 32), torch.randint(0, 4, (8,)))]
    fitter = Fitter()
    fitter.fit(data)
    print(accuracy(fitter.model, data))
