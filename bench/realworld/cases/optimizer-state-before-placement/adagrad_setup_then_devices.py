# source: https://github.com/lanl/hippynn/pull/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, helper, loader-loop
# bug-lines: 31, 41, 57
# cpu: clean
# needs: torch
import torch
from torch import nn


class EnergyNet(nn.Module):
    def __init__(self, n_features=16, width=64):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(n_features, width), nn.Softplus(), nn.Linear(width, width),
                                    nn.Softplus(), nn.Linear(width, 1))

    def forward(self, features):
        return self.layers(features).squeeze(-1)


class SetupParams:
    def __init__(self, lr=1e-2, max_epochs=3, device=None, optimizer=torch.optim.Adagrad):
        self.lr = lr
        self.max_epochs = max_epochs
        self.device = device
        self.optimizer = optimizer


def set_devices(model, loss, optimizer, device):
    model.to(device)
    loss.to(device)
    return model, loss, optimizer


class TrainingController:
    def __init__(self, model, params):
        self.params = params
        self.model = model
        self.loss = nn.MSELoss()
        self.optimizer = params.optimizer(self.model.parameters(), lr=params.lr)

    def setup(self):
        if self.params.device is not None:
            self.model, self.loss, self.optimizer = set_devices(self.model, self.loss, self.optimizer,
                                                                self.params.device)

    def run(self, batches):
        device = self.params.device or torch.device("cpu")
        for epoch in range(self.params.max_epochs):
            total = 0.0
            for features, energy in batches:
                features, energy = features.to(device), energy.to(device)
                self.optimizer.zero_grad()
                batch_loss = self.loss(self.model(features), energy)
                batch_loss.backward()
                self.optimizer.step()
                total += batch_loss.item()
            print(f"epoch {epoch}: {total / len(batches):.4f}")


if __name__ == "__main__":
    device = torch.device("cuda") if torch.cuda.is_available() else None
    data = [(torch.randn(32, 16), torch.randn(32)) for _ in range(5)]
    controller = TrainingController(EnergyNet(), SetupParams(device=device))
    controller.setup()
    controller.run(data)
