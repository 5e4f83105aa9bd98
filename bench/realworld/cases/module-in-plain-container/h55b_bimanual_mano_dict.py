# source: https://github.com/MengHao666/Minimal-Hand-pytorch/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 40
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

HANDS = ("left", "right")


class ManoLikeLayer(nn.Module):
    """Linear blend-shape hand: template + shape basis, joints from a vertex regressor."""

    def __init__(self, n_verts=778, n_betas=10, n_joints=21):
        super().__init__()
        self.register_buffer("v_template", torch.zeros(n_verts, 3))
        self.register_buffer("shapedirs", torch.randn(n_verts, 3, n_betas) * 0.01)
        self.register_buffer("j_regressor", torch.rand(n_joints, n_verts) / n_verts)

    def forward(self, betas, trans):
        verts = self.v_template + torch.einsum("bs,vcs->bvc", betas, self.shapedirs)
        joints = torch.einsum("jv,bvc->bjc", self.j_regressor, verts)
        return verts + trans[:, None], joints + trans[:, None]


class BimanualRegressor(nn.Module):
    def __init__(self, feat_dim=512, n_betas=10):
        super().__init__()
        self.n_betas = n_betas
        self.backbone = nn.Sequential(
            nn.Linear(len(HANDS) * 21 * 2, feat_dim), nn.ReLU(),
            nn.Linear(feat_dim, feat_dim), nn.ReLU(),
        )
        self.param_head = nn.Linear(feat_dim, len(HANDS) * (n_betas + 3))
        self.mano_layers = {side: ManoLikeLayer(n_betas=n_betas) for side in HANDS}

    def forward(self, kp2d):
        feats = self.backbone(kp2d.flatten(1))
        params = self.param_head(feats).view(kp2d.shape[0], len(HANDS), self.n_betas + 3)
        joints = []
        for i, side in enumerate(HANDS):
            betas, trans = params[:, i, :self.n_betas], params[:, i, self.n_betas:]
            _, side_joints = self.mano_layers[side](betas, trans)
            joints.append(side_joints)
        return torch.stack(joints, dim=1)


def train(epochs=2):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    kp2d = torch.rand(256, len(HANDS), 21, 2)
    joints3d = torch.randn(256, len(HANDS), 21, 3)
    loader = DataLoader(TensorDataset(kp2d, joints3d), batch_size=32, shuffle=True)

    model = BimanualRegressor().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = F.mse_loss(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: joint mse {loss.item():.4f}")


if __name__ == "__main__":
    train()
