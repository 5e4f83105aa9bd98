# source: https://github.com/karfly/learnable-triangulation-pytorch/issues/96
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 59
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.down = None
        if stride != 1 or inplanes != planes * 4:
            self.down = nn.Sequential(nn.Conv2d(inplanes, planes * 4, 1, stride=stride, bias=False),
                                      nn.BatchNorm2d(planes * 4))

    def forward(self, x):
        identity = x if self.down is None else self.down(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


class PoseResNet(nn.Module):
    def __init__(self, num_joints=17, blocks=(3, 4, 6, 3)):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64),
                                  nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1))
        layers, inplanes = [], 64
        for i, n in enumerate(blocks):
            planes = 64 * 2 ** i
            for j in range(n):
                layers.append(Bottleneck(inplanes, planes, stride=2 if (j == 0 and i > 0) else 1))
                inplanes = planes * 4
        self.body = nn.Sequential(*layers)
        self.final_layer = nn.Conv2d(inplanes, num_joints, 1)

    def forward(self, x):
        return self.final_layer(self.body(self.stem(x)))


def get_pose_net(config, device="cpu"):
    model = PoseResNet(num_joints=config["num_joints"])
    if config.get("init_weights"):
        print("Loading pretrained weights from:", config["checkpoint"])
        pretrained_state_dict = torch.load(config["checkpoint"])
        if "state_dict" in pretrained_state_dict:
            pretrained_state_dict = pretrained_state_dict["state_dict"]
        model_state_dict = model.state_dict()
        pretrained_state_dict = {k.replace("backbone.", ""): v for k, v in pretrained_state_dict.items()
                                 if k.replace("backbone.", "") in model_state_dict}
        model_state_dict.update(pretrained_state_dict)
        model.load_state_dict(model_state_dict)
        print("Successfully loaded pretrained weights for backbone")
    return model
