# source: https://github.com/ViCCo-Group/thingsvision/issues/48
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms as T


class Extractor(object):
    def __init__(self, model_name="alexnet", device="cuda"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.model = getattr(torchvision.models, model_name)(weights="DEFAULT").to(self.device).eval()
        self.activations = {}

    def _hook(self, name):
        def fn(module, inputs, output):
            self.activations[name] = output.detach()
        return fn

    def register(self, module_name):
        module = dict(self.model.named_modules())[module_name]
        return module.register_forward_hook(self._hook(module_name))

    @torch.no_grad()
    def extract_features(self, loader, module_name, flatten_acts=True):
        handle = self.register(module_name)
        features = []
        for images, _ in loader:
            self.model(images.to(self.device))
            act = self.activations[module_name]
            if flatten_acts:
                act = act.view(act.size(0), -1)
            features.append(act.cpu().numpy())
        handle.remove()
        features = np.vstack(features)
        print(f"Features successfully extracted for all {len(features)} images in the database.")
        return features


if __name__ == "__main__":
    tf = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(),
                    T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
    dataset = torchvision.datasets.ImageFolder("things/images", transform=tf)
    loader = DataLoader(dataset, batch_size=32, shuffle=False, num_workers=4)
    extractor = Extractor("alexnet")
    feats = extractor.extract_features(loader, "classifier.4")
    np.save("features_alexnet_fc7.npy", feats)
