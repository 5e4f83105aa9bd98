# source: https://github.com/muelea/selfcontact/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: class, helper
# looks-like: module-not-placed
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class SelfContactRegions(nn.Module):
    """Holds the body-model essentials (geodesic distances, segment ids) used to find self-contact."""

    def __init__(self, essentials_npz, geo_thres=0.3, euclid_thres=0.02):
        super().__init__()
        data = np.load(essentials_npz)
        self.register_buffer("geodesics", torch.from_numpy(data["geodesics"]).float())
        self.register_buffer("segment_ids", torch.from_numpy(data["segments"]).long())
        self.geo_thres = geo_thres
        self.euclid_thres = euclid_thres

    def contact_pairs(self, vertices):
        v2v = torch.cdist(vertices, vertices)
        far_on_surface = self.geodesics.unsqueeze(0) > self.geo_thres
        return (v2v < self.euclid_thres) & far_on_surface


class SelfContactLoss(nn.Module):
    def __init__(self, contact_module, device="cuda"):
        super().__init__()
        self.device = torch.device(device)
        self.contact_module = contact_module.to(self.device)

    def forward(self, vertices):
        pairs = self.contact_module.contact_pairs(vertices)
        v2v = torch.cdist(vertices, vertices)
        pull = (v2v * pairs).sum(dim=(1, 2)) / pairs.sum(dim=(1, 2)).clamp(min=1)
        same_segment = self.contact_module.segment_ids[:, None] == self.contact_module.segment_ids[None, :]
        push = torch.relu(0.01 - v2v)[:, ~same_segment].mean(dim=1)
        return pull + push


def refine_vertices(init_vertices, loss_fn, steps=50, lr=1e-3):
    verts = init_vertices.clone().to(loss_fn.device).requires_grad_(True)
    optimizer = torch.optim.Adam([verts], lr=lr)
    for _ in range(steps):
        loss = loss_fn(verts).mean() + 10.0 * ((verts - init_vertices.to(verts.device)) ** 2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return verts.detach().cpu()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    regions = SelfContactRegions("essentials/selfcontact/smplx_geodesic_seg.npz")
    criterion = SelfContactLoss(regions, device=device)
    vertices = torch.from_numpy(np.load("fits/pose_0001_vertices.npy")).float().unsqueeze(0)
    refined = refine_vertices(vertices, criterion)
    np.save("fits/pose_0001_vertices_refined.npy", refined.squeeze(0).numpy())
