# source: https://github.com/dunbar12138/DSNeRF/pull/56
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# looks-like: legacy-tensor-constructor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def img2mse(x, y):
    return torch.mean((x - y) ** 2)


def mse2psnr(mse):
    return -10.0 * torch.log10(mse)


def render_path(render_fn, poses, hwf, chunk=32768):
    """Renders every pose and hands back host-side uint8-ready float images."""
    H, W, focal = hwf
    rgbs = []
    for pose in poses:
        with torch.no_grad():
            rgb = render_fn(H, W, focal, pose[:3, :4], chunk=chunk)
        rgbs.append(rgb.cpu().numpy())
    return np.stack(rgbs, 0)


def evaluate_test_views(render_fn, images, poses, hwf, i_test, device):
    """images: float32 tensor already resident on `device`."""
    rgbs = render_path(render_fn, poses[i_test], hwf)
    test_loss = img2mse(torch.Tensor(rgbs).to(device), images[i_test])
    psnr = mse2psnr(test_loss)
    return test_loss.item(), psnr.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    H, W, focal = 40, 50, 55.0
    images = torch.rand(6, H, W, 3, device=device)
    poses = torch.eye(4, device=device).repeat(6, 1, 1)
    i_test = torch.tensor([1, 4], device=device)

    def fake_render(h, w, f, c2w, chunk=1024):
        return torch.rand(h, w, 3, device=c2w.device)

    loss, psnr = evaluate_test_views(fake_render, images, poses, (H, W, focal), i_test, device)
    print(f"test mse {loss:.4f}  psnr {psnr:.2f}")
