# source: https://github.com/carlosedubarreto/vibe_win_install/issues/13
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 42
# needs: torch
# cpu: no written where torch was not installed; not run
import os.path as osp

import torch
import torch.nn as nn

DATA_DIR = "data/vibe_data"


class TemporalEncoder(nn.Module):
    def __init__(self, feat_dim=2048, hidden=1024):
        super().__init__()
        self.gru = nn.GRU(feat_dim, hidden, num_layers=2, batch_first=True)
        self.proj = nn.Linear(hidden, feat_dim)

    def forward(self, feats):
        y, _ = self.gru(feats)
        return feats + self.proj(y)


class SMPLRegressor(nn.Module):
    def __init__(self, feat_dim=2048, n_pose=24 * 6, n_shape=10, n_cam=3):
        super().__init__()
        self.fc = nn.Sequential(nn.Linear(feat_dim, 1024), nn.ReLU(), nn.Linear(1024, n_pose + n_shape + n_cam))

    def forward(self, feats):
        return self.fc(feats)


class MeshVideoDemo(nn.Module):
    def __init__(self, pretrained=osp.join(DATA_DIR, "spin_model_checkpoint.pth.tar")):
        super().__init__()
        self.encoder = TemporalEncoder()
        self.regressor = SMPLRegressor()
        if pretrained and osp.isfile(pretrained):
            checkpoint = torch.load(pretrained)
            self.regressor.load_state_dict(checkpoint["model"], strict=False)
            print(f"=> loaded pretrained regressor from '{pretrained}'")

    def forward(self, feats):
        b, t, d = feats.shape
        smpl_params = self.regressor(self.encoder(feats).reshape(b * t, d))
        return smpl_params.reshape(b, t, -1)


def run_on_tracklet(model, feats, device):
    with torch.no_grad():
        params = model(feats.to(device))
    pose, betas, cam = params[..., :144], params[..., 144:154], params[..., 154:]
    return pose.cpu(), betas.cpu(), cam.cpu()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MeshVideoDemo().to(device).eval()
    feats = torch.randn(1, 16, 2048)
    pose, betas, cam = run_on_tracklet(model, feats, device)
    print(pose.shape, betas.shape, cam.shape)


if __name__ == "__main__":
    main()
