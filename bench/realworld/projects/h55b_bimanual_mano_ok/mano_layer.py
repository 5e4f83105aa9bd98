# source: https://github.com/MengHao666/Minimal-Hand-pytorch/issues/64
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_mm)
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ManoLikeLayer(nn.Module):
    """Shape blend shapes + pose correctives + joint regressor, all stored as buffers."""

    def __init__(self, side, n_verts=778, n_betas=10, n_pose=45, n_joints=21):
        super().__init__()
        self.side = side
        self.register_buffer("v_template", torch.zeros(n_verts, 3))
        self.register_buffer("shapedirs", torch.randn(n_verts, 3, n_betas) * 0.01)
        self.register_buffer("posedirs", torch.randn(n_pose, n_verts * 3) * 0.001)
        self.register_buffer("j_regressor", torch.rand(n_joints, n_verts) / n_verts)

    def forward(self, pose, betas, trans):
        verts = self.v_template + torch.einsum("bs,vcs->bvc", betas, self.shapedirs)
        verts = verts + torch.matmul(pose, self.posedirs).view(pose.shape[0], -1, 3)
        if self.side == "left":
            verts = verts * verts.new_tensor([-1.0, 1.0, 1.0])
        joints = torch.einsum("jv,bvc->bjc", self.j_regressor, verts)
        return verts + trans[:, None], joints + trans[:, None]
