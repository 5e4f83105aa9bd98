# source: https://github.com/Lightning-AI/pytorch-lightning/pull/6838
# error: AssertionError: DistributedDataParallel's input module must be on the same type of devices, but input module parameters locate in {'cuda', 'cpu'}.
# pattern: module-added-after-placement
# shape: class, helper
# looks-like: module-added-after-placement
# cpu: clean
# needs: torch
import torch
import torch.distributed as dist
import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU())
        self.head = nn.Linear(16, 4)

    def forward(self, x):
        return self.head(self.features(x).mean((2, 3)))


class DDPPlugin:
    def __init__(self, local_rank=0, sync_batchnorm=True):
        self.local_rank = local_rank
        self.sync_batchnorm = sync_batchnorm
        use_cuda = torch.cuda.is_available()
        self.root_device = torch.device("cuda", local_rank) if use_cuda else torch.device("cpu")

    def configure_sync_batchnorm(self, model):
        return nn.SyncBatchNorm.convert_sync_batchnorm(model)

    def model_to_device(self, model):
        return model.to(self.root_device)

    def setup(self, model):
        if self.sync_batchnorm:
            model = self.configure_sync_batchnorm(model)
        model = self.model_to_device(model)
        if dist.is_available() and dist.is_initialized():
            ids = [self.local_rank] if self.root_device.type == "cuda" else None
            model = nn.parallel.DistributedDataParallel(model, device_ids=ids)
        return model


if __name__ == "__main__":
    plugin = DDPPlugin()
    model = plugin.setup(Backbone()).eval()
    with torch.no_grad():
        print(model(torch.randn(2, 3, 8, 8, device=plugin.root_device)).shape)
