# source: https://github.com/Unity-Technologies/Robotics-Object-Pose-Estimation/issues/45
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, helper
# bug-lines: 30, 42
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""Keeps one pose network in memory and evaluates it on frames captured in the simulator."""
import torch
import torchvision.transforms as T
from PIL import Image

from pose_net import CubePoseNet

_CACHE = {}
_TRANSFORM = T.Compose([T.Resize((224, 224)), T.ToTensor()])


def select_device():
    return torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


def prepare_batch(paths, device):
    frames = [_TRANSFORM(Image.open(p).convert("RGB")) for p in paths]
    return torch.stack(frames).to(device)


def restore_network(weights_path, device):
    state = torch.load(weights_path, map_location=device)
    net = CubePoseNet(predict_rotation=True)
    net.load_state_dict(state["model"])
    return net.eval()


def predict_pose(image_paths, weights_path):
    device = select_device()
    if weights_path not in _CACHE:
        _CACHE[weights_path] = restore_network(weights_path, device)
    net = _CACHE[weights_path]
    batch = prepare_batch(image_paths, device)
    with torch.no_grad():
        position, rotation = net(batch)
    return position.cpu().numpy(), rotation.cpu().numpy()
