# source: https://github.com/m-bain/frozen-in-time/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, helper, batch-dict, loader-loop
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F


def move_to(obj, device):
    """Recursively move tensors nested in dicts / lists / tuples to `device`."""
    if torch.is_tensor(obj):
        return obj.to(device, non_blocking=True)
    if isinstance(obj, dict):
        return {k: move_to(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move_to(v, device) for v in obj)
    return obj


class RetrievalTrainer:
    def __init__(self, model, optimizer, train_loader, valid_loader, device, temperature=0.05):
        self.model = model.to(device)
        self.optimizer = optimizer
        self.train_loader = train_loader
        self.valid_loader = valid_loader
        self.device = device
        self.temperature = temperature

    def _contrastive(self, text_emb, video_emb):
        sim = F.normalize(text_emb, dim=-1) @ F.normalize(video_emb, dim=-1).t()
        labels = torch.arange(sim.size(0), device=sim.device)
        return (F.cross_entropy(sim / self.temperature, labels)
                + F.cross_entropy(sim.t() / self.temperature, labels)) / 2

    def _train_epoch(self):
        self.model.train()
        for data in self.train_loader:
            data = move_to(data, self.device)
            text_emb, video_emb = self.model(data)
            loss = self._contrastive(text_emb, video_emb)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()

    @torch.no_grad()
    def _valid_epoch(self):
        self.model.eval()
        text_all, video_all = [], []
        for data in self.valid_loader:
            data = move_to(data, self.device)
            text_all.append(self.model.compute_text(data["text"]))
            video_all.append(self.model.compute_video(data["video"]))
        sim = F.normalize(torch.cat(text_all), dim=-1) @ F.normalize(torch.cat(video_all), dim=-1).t()
        ranks = (sim.argsort(dim=1, descending=True) == torch.arange(sim.size(0), device=sim.device)[:, None])
        r1 = ranks[:, :1].any(dim=1).float().mean().item()
        return {"R@1": r1}
