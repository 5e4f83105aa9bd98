# source: https://github.com/Comfy-Org/ComfyUI/issues/13583
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, helper
# bug-lines: 45, 56
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TinyBlendInterp(nn.Module):
    """Predicts a per-pixel blend mask between two neighbouring frames."""

    def __init__(self, ch=32):
        super().__init__()
        self.enc = nn.Sequential(
            nn.Conv2d(6, ch, 3, padding=1), nn.PReLU(ch),
            nn.Conv2d(ch, ch, 3, padding=1), nn.PReLU(ch),
        )
        self.head = nn.Conv2d(ch + 1, 1, 3, padding=1)

    def forward(self, img0, img1, t):
        feat = self.enc(torch.cat([img0, img1], dim=1))
        tmap = torch.full_like(feat[:, :1], t)
        mask = torch.sigmoid(self.head(torch.cat([feat, tmap], dim=1)))
        return mask * img0 + (1.0 - mask) * img1


def load_interp_model(ckpt_path):
    model = TinyBlendInterp()
    state = torch.load(ckpt_path, map_location="cpu")
    model.load_state_dict(state)
    return model.eval()


class FrameInterpolateNode:
    def __init__(self, ckpt_path, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.dtype = torch.float16 if self.device.type == "cuda" else torch.float32
        # weights stay wherever the loader left them so the memory manager can offload
        self.model = load_interp_model(ckpt_path)

    def _prepare_model(self):
        self.model = self.model.to(dtype=self.dtype)
        return self.model

    @torch.no_grad()
    def interpolate(self, frames, multiplier=2):
        model = self._prepare_model()
        out = [frames[:1]]
        for i in range(frames.shape[0] - 1):
            img0 = frames[i:i + 1].to(self.device, self.dtype)
            img1 = frames[i + 1:i + 2].to(self.device, self.dtype)
            for k in range(1, multiplier):
                mid = model(img0, img1, k / multiplier)
                out.append(mid.float().cpu())
            out.append(frames[i + 1:i + 2])
        return torch.cat(out, dim=0)


if __name__ == "__main__":
    torch.save(TinyBlendInterp().state_dict(), "blend_interp.pt")
    node = FrameInterpolateNode("blend_interp.pt")
    clip = torch.rand(6, 3, 128, 128)
    doubled = node.interpolate(clip, multiplier=2)
    print("frames in:", clip.shape[0], "frames out:", doubled.shape[0])
