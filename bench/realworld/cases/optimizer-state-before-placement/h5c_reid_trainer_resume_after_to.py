# source: https://github.com/michuanhaohao/reid-strong-baseline/issues/114
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: helper, class, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class Baseline(nn.Module):
    def __init__(self, num_classes=751):
        super().__init__()
        self.base = nn.Sequential(nn.Conv2d(3, 64, 3, stride=2, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.classifier = nn.Linear(64, num_classes)

    def forward(self, x):
        return self.classifier(self.base(x).flatten(1))


def make_optimizer(cfg, model):
    params = [{"params": [p], "lr": cfg["base_lr"]} for p in model.parameters() if p.requires_grad]
    return torch.optim.Adam(params)


class Trainer:
    def __init__(self, cfg, model, device):
        if torch.cuda.device_count() > 1:
            model = nn.DataParallel(model)
        model.to(device)
        self.model = model
        self.device = device
        self.optimizer = make_optimizer(cfg, model)
        if cfg["resume"]:
            ckpt = torch.load(cfg["resume"], map_location="cpu")
            self.model.load_state_dict(ckpt["model"])
            self.optimizer.load_state_dict(ckpt["optimizer"])

    def train_epoch(self, loader):
        self.model.train()
        for img, pid in loader:
            img, pid = img.to(self.device), pid.to(self.device)
            loss = nn.functional.cross_entropy(self.model(img), pid)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()


if __name__ == "__main__":
    cfg = {"base_lr": 3.5e-4, "resume": None}
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    trainer = Trainer(cfg, Baseline(), device)
    batches = [(torch.rand(8, 3, 64, 32), torch.randint(0, 751, (8,))) for _ in range(4)]
    trainer.train_epoch(batches)
