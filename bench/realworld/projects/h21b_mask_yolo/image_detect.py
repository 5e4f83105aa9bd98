# source: https://github.com/NisargPethani/FACE-MASK-DETECTION-USING-YOLO-V3/issues/2
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""python image_detect.py --image_folder samples/ --weights_path checkpoints/yolov3_ckpt_35.pth"""
import argparse
import os

import torch

from utils import filter_detections, image_to_tensor, load_detector, select_device

CLASSES = ["mask", "no_mask"]

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--image_folder", default="samples")
    parser.add_argument("--weights_path", default="checkpoints/yolov3_ckpt_35.pth")
    parser.add_argument("--conf_thres", type=float, default=0.8)
    parser.add_argument("--frame_size", type=int, default=416)
    opt = parser.parse_args()

    device = select_device()
    model = load_detector(opt.weights_path, device, img_size=opt.frame_size)

    for name in sorted(os.listdir(opt.image_folder)):
        img = image_to_tensor(os.path.join(opt.image_folder, name), opt.frame_size).to(device)
        with torch.no_grad():
            detections = filter_detections(model(img), opt.conf_thres)[0]
        labels = detections[:, 5:].argmax(1).tolist() if len(detections) else []
        print(name, [CLASSES[i] for i in labels])
