# source: https://github.com/jizhishutong/YOLOU/issues/15
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: cache-builder-cpu-default
# shape: class, helper
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: clean
"""YOLOX-style decoupled head for person + keypoint detection; grids are cached per level."""
import torch
import torch.nn as nn


class KptYOLOXHead(nn.Module):
    def __init__(self, num_kpts=17, in_channels=(256, 512, 1024), strides=(8, 16, 32)):
        super().__init__()
        self.num_kpts = num_kpts
        self.strides = strides
        self.n_ch = 5 + 1 + num_kpts * 3
        self.stems = nn.ModuleList(nn.Conv2d(c, 256, 1) for c in in_channels)
        self.outs = nn.ModuleList(nn.Conv2d(256, self.n_ch, 1) for _ in in_channels)
        self.grids = [torch.zeros(1)] * len(in_channels)

    def get_output_and_grid(self, output, k, stride):
        grid = self.grids[k]
        batch_size = output.shape[0]
        hsize, wsize = output.shape[-2:]
        if grid.shape[2:4] != output.shape[2:4] or grid.device != output.device:
            yv, xv = torch.meshgrid(
                torch.arange(hsize, device=output.device),
                torch.arange(wsize, device=output.device),
                indexing="ij",
            )
            grid = torch.stack((xv, yv), 2).view(1, 1, hsize, wsize, 2).to(output.dtype)
            self.grids[k] = grid
        output = output.view(batch_size, 1, self.n_ch, hsize, wsize)
        output = output.permute(0, 1, 3, 4, 2).reshape(batch_size, hsize * wsize, -1)
        grid = grid.view(1, -1, 2)
        output[..., :2] = (output[..., :2] + grid) * stride
        output[..., 2:4] = torch.exp(output[..., 2:4]) * stride
        kpts = output[..., 6:].view(batch_size, hsize * wsize, self.num_kpts, 3)
        kpts[..., :2] = (kpts[..., :2] + grid.unsqueeze(2)) * stride
        return output, grid

    def forward(self, feats):
        outputs = []
        for k, (x, stem, out_conv, stride) in enumerate(zip(feats, self.stems, self.outs, self.strides)):
            out = out_conv(stem(x))
            out, _ = self.get_output_and_grid(out, k, stride)
            outputs.append(out)
        return torch.cat(outputs, 1)


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    head = KptYOLOXHead().to(device).eval()
    feats = [torch.randn(1, c, s, s, device=device) for c, s in ((256, 80), (512, 40), (1024, 20))]
    with torch.no_grad():
        print(head(feats).shape)
