import torch
import torch.nn as nn
import torch.nn.functional as F


# The estimator makes its layers on the device it is given (`device=`), so the
# data it moves there meet weights on the same device.
class MLPClassifier(nn.Module):
    def __init__(self, n_in, n_out, hidden=64, device="cpu"):
        super().__init__()
        self.device = device
        self.hidden = nn.Linear(n_in, hidden, device=device)
        self.out = nn.Linear(hidden, n_out, device=device)

    def forward(self, x):
        return self.out(F.relu(self.hidden(x)))

    def fit(self, X, y, epochs=50):
        X = torch.as_tensor(X, dtype=torch.float32).to(self.device)
        y = torch.as_tensor(y, dtype=torch.long).to(self.device)
        opt = torch.optim.SGD(self.parameters(), lr=0.1)
        for _ in range(epochs):
            opt.zero_grad()
            F.cross_entropy(self(X), y).backward()
            opt.step()
        return self


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    clf = MLPClassifier(8, 3, device=dev)
    clf.fit(torch.randn(100, 8), torch.randint(0, 3, (100,)))
