# source: https://github.com/Vincentx15/atomsurf/issues/3
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper, batch-dict, class
# bug-lines: 23, 36
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Embed a protein surface with a small geometric vector perceptron for binding-site scoring."""
import numpy as np
import torch
import torch.nn as nn


def load_surface(npz_path):
    raw = np.load(npz_path)
    n_verts = raw["verts"].shape[0]
    vectors = np.zeros((n_verts, 2, 3))
    vectors[:, 0] = raw["verts"] - raw["verts"].mean(axis=0)
    vectors[:, 1] = raw["normals"] / np.linalg.norm(raw["normals"], axis=1, keepdims=True)
    chem = raw["chem_feats"].astype(np.float32)
    return {
        "scalars": torch.from_numpy(chem),
        "vectors": torch.from_numpy(vectors),
    }


class GVPLayer(nn.Module):
    def __init__(self, s_in, v_in, s_out, v_out):
        super().__init__()
        self.wh = nn.Linear(v_in, v_in, bias=False)
        self.ws = nn.Linear(s_in + v_in, s_out)
        self.wv = nn.Linear(v_in, v_out, bias=False)

    def forward(self, s, v):
        # v: (N, v_in, 3) -> mix channels along v_in
        vh = self.wh(v.transpose(-1, -2))
        vn = torch.linalg.norm(vh, dim=-2)
        s_out = torch.relu(self.ws(torch.cat([s, vn], dim=-1)))
        v_out = self.wv(vh).transpose(-1, -2)
        return s_out, v_out


class SurfaceEncoder(nn.Module):
    def __init__(self, n_chem=5, hidden=64):
        super().__init__()
        self.gvp1 = GVPLayer(n_chem, 2, hidden, 8)
        self.gvp2 = GVPLayer(hidden, 8, hidden, 8)
        self.score = nn.Linear(hidden, 1)

    def forward(self, surface):
        s, v = self.gvp1(surface["scalars"], surface["vectors"])
        s, v = self.gvp2(s, v)
        return self.score(s).squeeze(-1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = SurfaceEncoder().to(device).eval()
    encoder.load_state_dict(torch.load("weights/surface_gvp.pt", map_location=device))
    surface = {k: t.to(device) for k, t in load_surface("data/1a2k_A_surface.npz").items()}
    with torch.no_grad():
        site_scores = encoder(surface)
    print("top pocket vertices:", site_scores.topk(10).indices.tolist())
