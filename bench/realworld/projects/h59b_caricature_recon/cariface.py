# source: https://github.com/Juyong/CaricatureFace/issues/2
# error: RuntimeError: Attempting to deserialize object on CUDA device 1 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: multi-file, class
# bug-lines: 41, 42
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision


class LandmarkRegressor(nn.Module):
    def __init__(self, n_landmarks=68):
        super().__init__()
        backbone = torchvision.models.resnet34(weights=None)
        backbone.fc = nn.Linear(backbone.fc.in_features, n_landmarks * 2)
        self.backbone = backbone

    def forward(self, x):
        return self.backbone(x).view(x.shape[0], -1, 2)


class ShapeDecoder(nn.Module):
    def __init__(self, n_landmarks=68, n_vertices=6144, n_coeffs=200):
        super().__init__()
        self.coeffs = nn.Sequential(nn.Linear(n_landmarks * 2, 512), nn.ReLU(), nn.Linear(512, n_coeffs))
        self.basis = nn.Linear(n_coeffs, n_vertices * 3)

    def forward(self, landmarks):
        return self.basis(self.coeffs(landmarks.flatten(1))).view(landmarks.shape[0], -1, 3)


class CariFace:
    def __init__(self, device):
        self.device = device
        self.model1 = LandmarkRegressor()
        self.model2 = ShapeDecoder()

    def load_model(self, model1_path, model2_path):
        ck1 = torch.load(model1_path)
        ck2 = torch.load(model2_path)
        self.model1.load_state_dict(ck1["state_dict"])
        self.model2.load_state_dict(ck2["state_dict"])
        self.model1.to(self.device).eval()
        self.model2.to(self.device).eval()

    @torch.no_grad()
    def reconstruct(self, images):
        images = images.to(self.device)
        landmarks = self.model1(images)
        return landmarks, self.model2(landmarks)
