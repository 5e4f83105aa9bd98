# source: https://github.com/KevinMusgrave/pytorch-metric-learning/issues/139
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: class, loader-loop, batch-dict
# bug-lines: 41, 57
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


class ProxyAnchorLoss(nn.Module):
    def __init__(self, num_classes, embedding_size, margin=0.1, alpha=32.0):
        super().__init__()
        self.proxies = nn.Parameter(torch.randn(num_classes, embedding_size))
        self.num_classes = num_classes
        self.margin, self.alpha = margin, alpha

    def forward(self, embeddings, labels):
        cos = F.linear(F.normalize(embeddings), F.normalize(self.proxies))
        pos_mask = F.one_hot(labels, self.num_classes).float()
        pos_exp = torch.exp(-self.alpha * (cos - self.margin)) * pos_mask
        neg_exp = torch.exp(self.alpha * (cos + self.margin)) * (1.0 - pos_mask)
        n_pos = (pos_mask.sum(dim=0) > 0).sum().clamp(min=1)
        pos_term = torch.log1p(pos_exp.sum(dim=0)).sum() / n_pos
        neg_term = torch.log1p(neg_exp.sum(dim=0)).sum() / self.num_classes
        return pos_term + neg_term


class MetricTrainer:
    def __init__(self, num_classes, embedding_size=128, lr=1e-4):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        trunk = torchvision.models.resnet18(weights="IMAGENET1K_V1")
        trunk.fc = nn.Identity()
        self.models = {
            "trunk": trunk.to(self.device),
            "embedder": nn.Linear(512, embedding_size).to(self.device),
        }
        self.loss_fn = ProxyAnchorLoss(num_classes, embedding_size)
        params = [p for m in self.models.values() for p in m.parameters()]
        self.optimizer = torch.optim.AdamW(params, lr=lr)
        self.loss_optimizer = torch.optim.AdamW(self.loss_fn.parameters(), lr=lr * 100)

    def get_batch(self, batch):
        return batch["image"].to(self.device), batch["label"].to(self.device)

    def compute_embeddings(self, images):
        return self.models["embedder"](self.models["trunk"](images))

    def train_epoch(self, loader):
        total = 0.0
        for batch in loader:
            images, labels = self.get_batch(batch)
            embeddings = self.compute_embeddings(images)
            loss = self.loss_fn(embeddings, labels)
            self.optimizer.zero_grad()
            self.loss_optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            self.loss_optimizer.step()
            total += loss.item()
        return total / max(len(loader), 1)


def to_batch_dict(samples):
    return {"image": torch.stack([img for img, _ in samples]),
            "label": torch.tensor([lbl for _, lbl in samples])}


if __name__ == "__main__":
    tfm = torchvision.transforms.Compose([torchvision.transforms.RandomResizedCrop(224),
                                          torchvision.transforms.ToTensor()])
    train_set = torchvision.datasets.ImageFolder("cub200/train", transform=tfm)
    loader = torch.utils.data.DataLoader(train_set, batch_size=64, shuffle=True,
                                         num_workers=4, collate_fn=to_batch_dict)
    trainer = MetricTrainer(num_classes=len(train_set.classes))
    for epoch in range(30):
        print(epoch, trainer.train_epoch(loader))
