# source: https://github.com/Deci-AI/super-gradients/pull/632
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import SiameseRepCD


def load_for_inference(ckpt_path, device):
    model = SiameseRepCD()
    model.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    model.to(device).eval()
    return model.reparameterize()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_for_inference("checkpoints/levir_repcd.pt", device)
    pairs = TensorDataset(torch.rand(16, 3, 256, 256), torch.rand(16, 3, 256, 256))
    with torch.no_grad():
        for pre, post in DataLoader(pairs, batch_size=4):
            change = torch.sigmoid(model(pre.to(device), post.to(device)))
            print(change.mean().item())
