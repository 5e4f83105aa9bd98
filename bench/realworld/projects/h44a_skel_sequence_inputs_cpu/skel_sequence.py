# source: https://github.com/MarilynKeller/SKEL/issues/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_bmm)
# pattern: inputs-not-moved
# shape: multi-file, class
# bug-lines: 18, 19, 21, 22, 30
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""A renderable-style sequence wrapper around a SKEL layer: stores per-frame params, runs FK."""
import torch


class SkelSequence:
    def __init__(self, skel_layer, betas, poses_body, trans=None, poses_type="skel", batch=256):
        self.skel_layer = skel_layer
        self.poses_type = poses_type
        self.batch = batch
        n_frames = len(poses_body)
        self.poses_body = torch.as_tensor(poses_body, dtype=torch.float32)
        self.betas = torch.as_tensor(betas, dtype=torch.float32).reshape(1, -1).expand(n_frames, -1)
        if trans is None:
            trans = torch.zeros(n_frames, 3)
        self.trans = torch.as_tensor(trans, dtype=torch.float32)
        self.skin_verts, self.skel_verts, self.joints = self.fk()

    @torch.no_grad()
    def fk(self):
        skin, skel, joints = [], [], []
        for start in range(0, len(self.poses_body), self.batch):
            sl = slice(start, start + self.batch)
            out = self.skel_layer(poses=self.poses_body[sl], betas=self.betas[sl], trans=self.trans[sl], poses_type=self.poses_type)
            skin.append(out.skin_verts.cpu())
            skel.append(out.skel_verts.cpu())
            joints.append(out.joints.cpu())
        return torch.cat(skin), torch.cat(skel), torch.cat(joints)

    def __len__(self):
        return self.poses_body.shape[0]
