# source: https://github.com/theislab/mubind/pull/33
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: class, helper, loader-loop
# bug-lines: 33, 41, 44, 66
# cpu: clean
# needs: torch
import torch
import torch.nn as tnn
import torch.optim as topti

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
NUC_ROWS = {"A": 0, "C": 1, "G": 2, "T": 3}


class MonoSelex(tnn.Module):
    def __init__(self, n_rounds, kernels=(0, 12, 12)):
        super().__init__()
        self.kernels = list(kernels)
        self.conv_mono = tnn.ModuleList()
        for k in self.kernels:
            self.conv_mono.append(None if k == 0 else tnn.Conv2d(1, 1, kernel_size=(4, k), bias=False))
        self.log_activities = tnn.Parameter(torch.zeros(len(self.kernels), n_rounds + 1))

    def forward(self, mono):
        mono = mono.unsqueeze(1)
        mono_rev = torch.flip(mono, [3])[:, :, [3, 2, 1, 0], :]
        x_ = []
        for i, k in enumerate(self.kernels):
            if k == 0:
                x_.append(torch.ones(mono.shape[0], device=mono.device))
                continue
            temp = torch.cat((self.conv_mono[i](mono), self.conv_mono[i](mono_rev)), dim=3)
            x_.append(torch.exp(temp).flatten(1).sum(dim=1))
        x = torch.stack(x_).T
        return torch.matmul(x, torch.exp(self.log_activities))

    def set_seed(self, seed, index, max_value=0.0, min_value=-1.0):
        kernel_size = self.conv_mono[index].kernel_size
        shift = (kernel_size[1] - len(seed)) // 2
        seed_params = torch.full(kernel_size, min_value, dtype=torch.float32)
        for i, nuc in enumerate(seed):
            seed_params[NUC_ROWS[nuc], i + shift] = max_value
        self.conv_mono[index].weight = tnn.Parameter(seed_params.unsqueeze(0).unsqueeze(0))


def train_network(model, loader, optimiser, num_epochs=3):
    for epoch in range(num_epochs):
        running = 0.0
        for mono, counts in loader:
            mono, counts = mono.to(device), counts.to(device)
            optimiser.zero_grad()
            pred = model(mono)
            loss = torch.mean(pred - counts * torch.log(pred + 1e-8))
            loss.backward()
            optimiser.step()
            running += loss.item()
        print("Epoch: %2d, Loss: %.3f" % (epoch + 1, running / len(loader)))


def train_iterative(loader, n_rounds, seed=None, widths=(10, 12)):
    models = {}
    for w in widths:
        model = MonoSelex(n_rounds=n_rounds, kernels=(0, w, w)).to(device)
        if seed is not None:
            model.set_seed(seed, 1)
        optimiser = topti.Adam(model.parameters(), lr=0.01, weight_decay=0.001)
        train_network(model, loader, optimiser)
        models[w] = model
    return models


if __name__ == "__main__":
    onehot = torch.nn.functional.one_hot(torch.randint(0, 4, (64, 30)), 4).float().transpose(1, 2)
    counts = torch.randint(0, 5, (64, 3)).float()
    batches = [(onehot[i:i + 16], counts[i:i + 16]) for i in range(0, 64, 16)]
    train_iterative(batches, n_rounds=2, seed="GATAA")
