# source: https://github.com/Project-MONAI/MONAI/issues/8866
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop, batch-dict
# bug-lines: 23, 28
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class ParzenMutualInformation(nn.Module):
    """Global mutual information between a warped moving image and the fixed image."""

    def __init__(self, num_bins=23, sigma_ratio=0.5, smooth=1e-7):
        super().__init__()
        bin_centers = torch.linspace(0.0, 1.0, num_bins)
        sigma = torch.mean(bin_centers[1:] - bin_centers[:-1]) * sigma_ratio
        self.num_bins = num_bins
        self.smooth = smooth
        self.preterm = 1.0 / (2.0 * sigma.item() ** 2)
        self.bin_centers = bin_centers[None, None, :]

    def _parzen(self, img):
        # img: (B, N, 1) intensities in [0, 1]
        img = img.clamp(0.0, 1.0)
        weight = torch.exp(-self.preterm * (img - self.bin_centers) ** 2)
        weight = weight / weight.sum(dim=-1, keepdim=True)
        prob = weight.mean(dim=1)
        return weight, prob

    def forward(self, pred, target):
        b = pred.shape[0]
        w_p, p_p = self._parzen(pred.reshape(b, -1, 1))
        w_t, p_t = self._parzen(target.reshape(b, -1, 1))
        joint = torch.bmm(w_p.transpose(1, 2), w_t) / w_p.shape[1]
        outer = torch.bmm(p_p[:, :, None], p_t[:, None, :])
        mi = joint * torch.log((joint + self.smooth) / (outer + self.smooth) + self.smooth)
        return -mi.sum(dim=(1, 2)).mean()


def warp(moving, ddf):
    b, _, h, w = moving.shape
    ys, xs = torch.meshgrid(
        torch.linspace(-1, 1, h, device=moving.device), torch.linspace(-1, 1, w, device=moving.device), indexing="ij"
    )
    grid = torch.stack([xs, ys], dim=-1)[None].expand(b, -1, -1, -1)
    return F.grid_sample(moving, grid + ddf.permute(0, 2, 3, 1), align_corners=True)


def train_registration(reg_net, loader, epochs=50, lr=1e-4):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    reg_net = reg_net.to(device)
    image_loss = ParzenMutualInformation(num_bins=32).to(device)
    optimizer = torch.optim.Adam(reg_net.parameters(), lr=lr)
    for epoch in range(epochs):
        for batch in loader:
            fixed = batch["fixed_image"].to(device)
            moving = batch["moving_image"].to(device)
            ddf = reg_net(torch.cat([moving, fixed], dim=1))
            loss = image_loss(warp(moving, ddf), fixed) + 0.1 * ddf.pow(2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
