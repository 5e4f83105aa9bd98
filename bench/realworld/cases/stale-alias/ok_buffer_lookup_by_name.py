# source: https://github.com/pytorch/pytorch/issues/29807
# error: (no exception) the Python list keeps the CPU tensors; the registered buffers themselves are on cuda
# pattern: stale-alias
# shape: class, batch-dict
# looks-like: stale-alias
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class AnchorGenerator(nn.Module):
    def __init__(self, sizes=((16,), (32,), (64,))):
        super().__init__()
        self.names = []
        for i, s in enumerate(sizes):
            base = torch.tensor([[-s[0] / 2, -s[0] / 2, s[0] / 2, s[0] / 2]])
            self.register_buffer(f"cell_anchors_{i}", base)
            self.names.append(f"cell_anchors_{i}")

    def cell_anchors(self):
        return [getattr(self, name) for name in self.names]

    def forward(self, features):
        anchors = []
        for fmap, base in zip(features.values(), self.cell_anchors()):
            h, w = fmap.shape[-2:]
            ys = torch.arange(h, device=fmap.device, dtype=fmap.dtype) * 8
            xs = torch.arange(w, device=fmap.device, dtype=fmap.dtype) * 8
            shift_y, shift_x = torch.meshgrid(ys, xs, indexing="ij")
            shifts = torch.stack([shift_x, shift_y, shift_x, shift_y], dim=-1).reshape(-1, 1, 4)
            anchors.append((shifts + base).reshape(-1, 4))
        return torch.cat(anchors)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    gen = AnchorGenerator()
    gen.to(device)
    feats = {"p3": torch.randn(1, 8, 8, 8, device=device), "p4": torch.randn(1, 8, 4, 4, device=device),
             "p5": torch.randn(1, 8, 2, 2, device=device)}
    print(gen(feats).shape)
