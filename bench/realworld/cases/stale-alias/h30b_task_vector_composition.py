# source: https://github.com/fredzzhang/atlas/pull/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument running_mean in method wrapper_CUDA__native_batch_norm)
# pattern: stale-alias
# shape: class, loader-loop
# bug-lines: 23, 41
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call
from torchvision import datasets, models, transforms


class WeightedImageEncoder(nn.Module):
    """Learn one coefficient per task vector and add the weighted sum to the base weights."""

    def __init__(self, encoder, task_vectors):
        super().__init__()
        self.encoder = encoder
        self.names = [n for n, _ in encoder.named_parameters()]
        self.frozen_buffers = dict(encoder.named_buffers())
        for p in encoder.parameters():
            p.requires_grad_(False)
        for i, tv in enumerate(task_vectors):
            self.register_buffer(f"tv_{i}", torch.cat([tv[n].flatten() for n in self.names]))
        self.num_tasks = len(task_vectors)
        self.coef = nn.Parameter(torch.zeros(self.num_tasks))

    def composed_params(self):
        delta = sum(c * getattr(self, f"tv_{i}") for i, c in enumerate(self.coef))
        params, offset = {}, 0
        for name, p in self.encoder.named_parameters():
            params[name] = p + delta[offset:offset + p.numel()].view_as(p)
            offset += p.numel()
        return params

    def forward(self, x):
        state = {**self.composed_params(), **self.frozen_buffers}
        return functional_call(self.encoder, state, (x,))


def load_task_vectors(paths, base_state):
    vectors = []
    for path in paths:
        finetuned = torch.load(path, map_location="cpu")
        vectors.append({k: finetuned[k] - base_state[k] for k in finetuned if k in base_state})
    return vectors


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = models.resnet18(num_classes=10)
    encoder.load_state_dict(torch.load("checkpoints/zeroshot.pt", map_location="cpu"))
    tvs = load_task_vectors(["checkpoints/cars.pt", "checkpoints/dtd.pt"], encoder.state_dict())

    model = WeightedImageEncoder(encoder, tvs).to(device)
    optimizer = torch.optim.AdamW([model.coef], lr=1e-1)
    tfm = transforms.Compose([transforms.Resize(224), transforms.ToTensor()])
    loader = torch.utils.data.DataLoader(datasets.STL10("data", split="test", transform=tfm), batch_size=64)

    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        loss = F.cross_entropy(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("learned coefficients:", model.coef.detach().cpu().tolist())
