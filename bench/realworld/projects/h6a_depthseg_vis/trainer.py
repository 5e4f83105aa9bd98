# source: https://github.com/D-Robotics-AI-Lab/MODEST/pull/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper, class
# bug-lines: 49
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
import os

import torch
from PIL import Image
from torchvision import transforms

from visualize import depth_to_color, seg_overlay


class Trainer:
    def __init__(self, model, config):
        self.config = config
        self.device = torch.device(config["device"] if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.ckpt_path = config["ckpt_path"]
        self.transform = transforms.Compose([
            transforms.Resize((384, 384)),
            transforms.ToTensor(),
            transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
        ])

    def train_step(self, batch, optimizer, criterion):
        rgb = batch["rgb"].to(self.device)
        depth_gt = batch["depth_gt"].to(self.device)
        seg_gt = batch["seg_gt"].to(self.device)
        depth_pred, seg_pred = self.model(rgb)
        loss = criterion(depth_pred[-1], depth_gt, seg_pred[-1], seg_gt)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    def inference(self, image_path, out_dir="results"):
        state = torch.load(self.ckpt_path, map_location=self.device)
        self.model.load_state_dict(state["model_state_dict"])
        self.model.eval()
        image = self.transform(Image.open(image_path).convert("RGB")).unsqueeze(0)
        image = image.to(self.device)
        with torch.no_grad():
            depth_pred, seg_pred = self.model(image)
        depth_vis = depth_to_color(depth_pred[-1][-1].squeeze(0).squeeze(0))
        seg_vis = seg_overlay(seg_pred[-1][-1].squeeze(0), image.squeeze(0).permute(1, 2, 0))
        os.makedirs(out_dir, exist_ok=True)
        Image.fromarray(depth_vis).save(os.path.join(out_dir, "depth.png"))
        Image.fromarray(seg_vis).save(os.path.join(out_dir, "seg.png"))
