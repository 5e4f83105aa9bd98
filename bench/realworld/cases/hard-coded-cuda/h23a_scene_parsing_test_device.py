# source: https://github.com/CSAILVision/semantic-segmentation-pytorch/issues/231
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, loader-loop, batch-dict
# looks-like: hard-coded-cuda
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torchvision


def pick_device(gpu):
    if gpu >= 0 and torch.cuda.is_available():
        torch.cuda.set_device(gpu)
        return torch.device("cuda", gpu)
    return torch.device("cpu")


def build_segmentation_module(num_class, weights):
    net = torchvision.models.segmentation.deeplabv3_resnet50(weights=None, num_classes=num_class)
    if weights:
        net.load_state_dict(torch.load(weights, map_location="cpu"), strict=False)
    return net


def async_copy_to(batch, device):
    return {k: (v.to(device, non_blocking=True) if torch.is_tensor(v) else v) for k, v in batch.items()}


def test(segmentation_module, loader, device, img_sizes=(300, 375, 450)):
    segmentation_module.eval()
    preds = []
    for batch_data in loader:
        feed = async_copy_to(batch_data, device)
        h, w = feed["img_ori"].shape[-2:]
        scores = torch.zeros(1, segmentation_module.classifier[-1].out_channels, h, w, device=device)
        with torch.no_grad():
            for size in img_sizes:
                img = nn.functional.interpolate(feed["img_ori"], size=(size, size), mode="bilinear")
                out = segmentation_module(img)["out"]
                scores += nn.functional.interpolate(out, size=(h, w), mode="bilinear") / len(img_sizes)
        preds.append({"name": feed["info"], "pred": scores.argmax(1).cpu()})
    return preds


def main(cfg):
    device = pick_device(cfg.gpu)
    segmentation_module = build_segmentation_module(150, cfg.checkpoint).to(device)
    loader = [{"img_ori": torch.rand(1, 3, 256, 320), "info": "ADE_val_00000001.jpg"}]
    for p in test(segmentation_module, loader, device):
        print(p["name"], p["pred"].shape)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--checkpoint", default="")
    main(parser.parse_args())
