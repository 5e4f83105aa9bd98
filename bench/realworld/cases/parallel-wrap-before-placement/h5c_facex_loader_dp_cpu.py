# source: https://github.com/JDAI-CV/FaceX-Zoo/issues/68
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: class, loader-loop
# bug-lines: 30
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MobileFaceNet(nn.Module):
    def __init__(self, embedding_size=128):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.PReLU(32),
                                      nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.embed = nn.Linear(32, embedding_size)

    def forward(self, x):
        return nn.functional.normalize(self.embed(self.features(x)))


class ModelLoader:
    def __init__(self, backbone_factory, conf):
        self.model = backbone_factory()
        self.conf = conf

    def load_model(self, model_path):
        model = torch.nn.DataParallel(self.model)
        state = torch.load(model_path, map_location=self.conf["device"])
        model.module.load_state_dict(state["state_dict"], strict=False)
        return model


class CommonExtractor:
    def __init__(self, device):
        self.device = device

    def extract_online(self, model, data_loader):
        model.eval()
        feats = {}
        with torch.no_grad():
            for images, names in data_loader:
                images = images.to(self.device)
                for name, feat in zip(names.tolist(), model(images).cpu()):
                    feats[name] = feat
        return feats


if __name__ == "__main__":
    conf = {"device": "cpu"}
    torch.save({"state_dict": MobileFaceNet().state_dict()}, "/tmp/mfn.pt")
    loader = ModelLoader(MobileFaceNet, conf)
    model = loader.load_model("/tmp/mfn.pt")
    data = DataLoader(TensorDataset(torch.rand(16, 3, 112, 112), torch.arange(16)), batch_size=4)
    feats = CommonExtractor(conf["device"]).extract_online(model, data)
    print(len(feats))
