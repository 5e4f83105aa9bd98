# source: https://github.com/aassxun/SEMICON/issues/2
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: loader-loop, helper, batch-dict, multi-file
# bug-lines: 49
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.optim as optim

from data import make_retrieval_loader, sample_dataloader


class HashNet(nn.Module):
    def __init__(self, code_length):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(2), nn.Flatten())
        self.hash_layer = nn.Linear(32, code_length)

    def forward(self, x):
        return torch.tanh(self.hash_layer(self.features(x)))


def adsh_loss(F, B, S, omega, code_length, gamma):
    hash_loss = ((code_length * S - F @ B.t()) ** 2).sum() / (F.shape[0] * B.shape[0]) / code_length * 12
    quant_loss = ((F - B[omega, :]) ** 2).sum() / (F.shape[0] * B.shape[0]) * gamma / code_length * 12
    return hash_loss + quant_loss


def train(retrieval_dataloader, code_length, num_samples, device, max_iter=2, max_epoch=2, gamma=200.0):
    model = HashNet(code_length).to(device)
    optimizer = optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    num_retrieval = len(retrieval_dataloader.dataset)
    U = torch.zeros(num_samples, code_length).to(device)
    B = torch.randn(num_retrieval, code_length).to(device)
    retrieval_targets = retrieval_dataloader.dataset.get_onehot_targets().to(device)
    for it in range(max_iter):
        train_dataloader, sample_index = sample_dataloader(retrieval_dataloader, num_samples, 16)
        train_targets = train_dataloader.dataset.get_onehot_targets().to(device)
        S = (train_targets @ retrieval_targets.t() > 0).float()
        S = torch.where(S == 1, torch.full_like(S, 1), torch.full_like(S, -1))
        for epoch in range(max_epoch):
            for data, targets, index in train_dataloader:
                data, targets, index = data.to(device), targets.to(device), index.to(device)
                optimizer.zero_grad()
                F = model(data)
                U[index, :] = F.data
                loss = adsh_loss(F, B, S[index, :], sample_index[index], code_length, gamma)
                loss.backward()
                optimizer.step()
        expand_U = torch.zeros(B.shape).to(device)
        expand_U[sample_index, :] = U
        B = torch.sign(gamma * expand_U + B)
        print(f"iter {it} loss {loss.item():.3f}")
    return model, B


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = make_retrieval_loader()
    train(loader, code_length=12, num_samples=32, device=device)
