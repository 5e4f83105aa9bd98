# source: https://github.com/winycg/CIRKD/issues/31
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Segmentation distillation trainer: a DeepLabV3-R101 teacher guides a MobileNetV3 DeepLabV3 student."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset
from torchvision.models.segmentation import deeplabv3_mobilenet_v3_large, deeplabv3_resnet101


def get_teacher(pretrained, num_classes, device):
    model = deeplabv3_resnet101(weights=None, weights_backbone=None, num_classes=num_classes, aux_loss=False)
    state = torch.load(pretrained, map_location="cpu")
    model.load_state_dict(state.get("model", state))
    return model.to(device).eval()


class Trainer:
    def __init__(self, args):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.t_model = get_teacher(args["teacher_pretrained"], args["num_classes"], self.device)
        self.s_model = deeplabv3_mobilenet_v3_large(weights=None, weights_backbone=None,
                                                    num_classes=args["num_classes"]).to(self.device)
        self.optimizer = torch.optim.SGD(self.s_model.parameters(), lr=0.01, momentum=0.9)
        data = TensorDataset(torch.rand(32, 3, 512, 1024), torch.randint(0, args["num_classes"], (32, 512, 1024)))
        self.loader = DataLoader(data, batch_size=4, shuffle=True)
        self.T = args.get("temperature", 1.0)

    def kd_loss(self, s_logits, t_logits):
        p_t = F.softmax(t_logits / self.T, dim=1)
        return F.kl_div(F.log_softmax(s_logits / self.T, dim=1), p_t, reduction="batchmean") * self.T ** 2

    def train(self, epochs=1):
        self.s_model.train()
        for _ in range(epochs):
            for images, targets in self.loader:
                images, targets = images.to(self.device), targets.to(self.device)
                with torch.no_grad():
                    t_out = self.t_model(images)["out"]
                s_out = self.s_model(images)["out"]
                loss = F.cross_entropy(s_out, targets) + self.kd_loss(s_out, t_out)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
            print("loss", loss.item())


if __name__ == "__main__":
    Trainer({"teacher_pretrained": "pretrained/deeplabv3_resnet101_citys_best_model.pth",
             "num_classes": 19}).train()
