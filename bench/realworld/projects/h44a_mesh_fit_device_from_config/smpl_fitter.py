# source: https://github.com/boycehbz/DMMR/issues/6
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
"""Optimisation-based SMPL fitting to 3D joints (SMPLify-style, no image term)."""
import torch


class SMPLJointFitter:
    def __init__(self, body_model, device, num_iters=300, lr=0.02):
        self.body_model = body_model
        self.device = device
        self.num_iters = num_iters
        self.lr = lr

    def _init_params(self, n_frames):
        return {
            "betas": torch.zeros(1, 10, device=self.device, requires_grad=True),
            "global_orient": torch.zeros(n_frames, 3, device=self.device, requires_grad=True),
            "body_pose": torch.zeros(n_frames, 69, device=self.device, requires_grad=True),
            "transl": torch.zeros(n_frames, 3, device=self.device, requires_grad=True),
        }

    def fit(self, joints3d, confidence):
        target = torch.as_tensor(joints3d, dtype=torch.float32, device=self.device)
        conf = torch.as_tensor(confidence, dtype=torch.float32, device=self.device)
        params = self._init_params(target.shape[0])
        optimizer = torch.optim.Adam(params.values(), lr=self.lr)
        for _ in range(self.num_iters):
            optimizer.zero_grad()
            betas = params["betas"].expand(target.shape[0], -1)
            out = self.body_model(betas=betas, global_orient=params["global_orient"],
                                  body_pose=params["body_pose"], transl=params["transl"])
            joints = out.joints[:, : target.shape[1]]
            loss = (conf[..., None] * (joints - target) ** 2).sum() + 1e-3 * params["body_pose"].pow(2).sum()
            loss.backward()
            optimizer.step()
        return {k: v.detach().cpu().numpy() for k, v in params.items()}
