# source: https://github.com/kevinzakka/recurrent-visual-attention/issues/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 50, 51, 60
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class RecurrentAttention(nn.Module):
    def __init__(self, patch_size=8, hidden_size=256, num_classes=10, std=0.05):
        super().__init__()
        self.patch_size, self.std = patch_size, std
        self.glimpse = nn.Linear(patch_size * patch_size + 2, hidden_size)
        self.rnn = nn.Linear(hidden_size * 2, hidden_size)
        self.locator = nn.Linear(hidden_size, 2)
        self.classifier = nn.Linear(hidden_size, num_classes)

    def extract_patch(self, x, l_t):
        size = x.size(-1)
        centers = ((l_t + 1) * 0.5 * (size - self.patch_size)).long()
        patches = [x[i, 0, c[1]:c[1] + self.patch_size, c[0]:c[0] + self.patch_size] for i, c in enumerate(centers)]
        return torch.stack(patches).flatten(1)

    def forward(self, x, l_t, h_t, last=False):
        g_t = F.relu(self.glimpse(torch.cat([self.extract_patch(x, l_t), l_t], dim=1)))
        h_t = F.relu(self.rnn(torch.cat([g_t, h_t], dim=1)))
        mu = torch.tanh(self.locator(h_t.detach()))
        l_next = torch.clamp(mu + torch.randn_like(mu) * self.std, -1, 1)
        log_probas = F.log_softmax(self.classifier(h_t), dim=1) if last else None
        return h_t, l_next, log_probas


class Trainer:
    def __init__(self, config, loader):
        self.device = torch.device("cuda" if config["use_gpu"] else "cpu")
        self.batch_size = config["batch_size"]
        self.hidden_size = config["hidden_size"]
        self.num_glimpses = config["num_glimpses"]
        self.loader = loader
        self.model = RecurrentAttention(hidden_size=self.hidden_size).to(self.device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config["init_lr"])

    def reset(self, batch_size):
        h_t = torch.zeros(batch_size, self.hidden_size, dtype=torch.float)
        l_t = torch.empty(batch_size, 2).uniform_(-1, 1)
        return h_t, l_t

    def train_one_epoch(self, epoch):
        self.model.train()
        for i, (x, y) in enumerate(self.loader):
            x, y = x.to(self.device), y.to(self.device)
            h_t, l_t = self.reset(x.shape[0])
            for t in range(self.num_glimpses):
                h_t, l_t, log_probas = self.model(x, l_t, h_t, last=(t == self.num_glimpses - 1))
            loss = F.nll_loss(log_probas, y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            if i % 100 == 0:
                print(f"epoch {epoch} batch {i} loss {loss.item():.3f}")


if __name__ == "__main__":
    cfg = {"use_gpu": torch.cuda.is_available(), "batch_size": 32, "hidden_size": 256,
           "num_glimpses": 6, "init_lr": 3e-4}
    mnist = datasets.MNIST("./data", train=True, download=True, transform=transforms.ToTensor())
    trainer = Trainer(cfg, DataLoader(mnist, batch_size=cfg["batch_size"], shuffle=True))
    for ep in range(5):
        trainer.train_one_epoch(ep)
