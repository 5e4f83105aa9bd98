# source: https://github.com/LeapLabTHU/ACmix/issues/21
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Reduced-precision inference over the TaxiBJ test split; writes de-normalized flow predictions."""
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import CrowdFlowNet


def load_split(path):
    arrays = np.load(path)
    flows = torch.from_numpy(arrays["X"].astype(np.float32))
    external = torch.from_numpy(arrays["meta"].astype(np.float32))
    return {"flows": flows, "external": external}, float(arrays["max_flow"])


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    split, max_flow = load_split("data/TaxiBJ/test_c3_p1_t1.npz")
    loader = DataLoader(TensorDataset(split["flows"], split["external"]), batch_size=128)
    model = CrowdFlowNet()
    model.load_state_dict(torch.load("checkpoints/crowdflow_acmix.pt", map_location="cpu"))
    model = model.to(device=device, dtype=dtype).eval()

    preds = []
    with torch.no_grad():
        for flows, external in loader:
            batch = {"flows": flows.to(device, dtype), "external": external.to(device, dtype)}
            out = model(batch["flows"], batch["external"])
            preds.append(((out.float() + 1) / 2 * max_flow).cpu().numpy())
    np.save("outputs/taxibj_pred.npy", np.concatenate(preds))


if __name__ == "__main__":
    main()
