# source: https://github.com/aria1th/sd-webui-deepcache-standalone/issues/1
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: helper, class
# bug-lines: 30, 64
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TinyUNet(nn.Module):
    def __init__(self, ch=4, hidden=32):
        super().__init__()
        self.input_blocks = nn.ModuleList(
            [nn.Conv2d(ch, hidden, 3, padding=1), nn.Conv2d(hidden, hidden, 3, padding=1)]
        )
        self.middle = nn.Conv2d(hidden, hidden, 3, padding=1)
        self.out = nn.Conv2d(hidden, ch, 3, padding=1)

    def forward(self, x):
        for blk in self.input_blocks:
            x = torch.relu(blk(x))
        return self.out(self.middle(x))


def load_unet(opts):
    unet = TinyUNet()
    if not opts["no_half"]:
        unet = unet.half()
    # with lowvram the weights stay on the CPU; the webui hooks were meant to move them
    return unet


class DeepCacheSession:
    def __init__(self, unet, cache_interval=3):
        self.unet = unet
        self.cache_interval = cache_interval
        self.cached = None
        self.step = 0

    def hijacked_forward(self, x):
        # walks the blocks directly, so no module-level hook ever runs
        if self.cached is not None and self.step % self.cache_interval:
            h = self.cached
        else:
            h = x
            for blk in self.unet.input_blocks:
                h = torch.relu(blk(h))
            self.cached = h
        self.step += 1
        return self.unet.out(self.unet.middle(h))


def sample(session, steps, device):
    latent = torch.randn(1, 4, 64, 64, device=device, dtype=torch.float16)
    for _ in range(steps):
        latent = latent - 0.1 * session.hijacked_forward(latent)
    return latent


if __name__ == "__main__":
    opts = {"no_half": False, "lowvram": True}
    unet = load_unet(opts)
    session = DeepCacheSession(unet)
    print(sample(session, 10, torch.device("cuda")).shape)
