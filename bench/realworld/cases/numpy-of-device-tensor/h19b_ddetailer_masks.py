# source: https://github.com/Bing-su/dddetailer/issues/19
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, batch-dict
# bug-lines: 29, 30, 31
# needs: torch, numpy, mmdet, PIL
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from mmdet.apis import inference_detector, init_detector
from PIL import Image

_model_cache = {}


def get_detector(config_path, checkpoint_path):
    key = (config_path, checkpoint_path)
    if key not in _model_cache:
        device = "cuda:0" if torch.cuda.is_available() else "cpu"
        _model_cache[key] = init_detector(config_path, checkpoint_path, device=device)
    return _model_cache[key]


def inference_segm(image, config_path, checkpoint_path, conf_thres):
    model = get_detector(config_path, checkpoint_path)
    result = inference_detector(model, np.array(image))
    pred = result.pred_instances
    keep = pred.scores >= conf_thres
    bboxes = pred.bboxes[keep].numpy()
    masks = pred.masks[keep].numpy()
    scores = pred.scores[keep].numpy()
    labels = [model.dataset_meta["classes"][i] for i in pred.labels[keep].tolist()]
    return {"labels": labels, "bboxes": bboxes, "masks": masks, "scores": scores}


def create_segmasks(results):
    segms = []
    for mask in results["masks"]:
        segms.append(Image.fromarray(mask.astype(np.uint8) * 255))
    return segms


def dilate_masks(masks, factor=4):
    kernel = np.ones((factor, factor), np.uint8)
    out = []
    for m in masks:
        arr = np.array(m) > 0
        padded = np.pad(arr, factor)
        grown = np.zeros_like(arr)
        for dy in range(kernel.shape[0]):
            for dx in range(kernel.shape[1]):
                grown |= padded[dy:dy + arr.shape[0], dx:dx + arr.shape[1]]
        out.append(Image.fromarray(grown.astype(np.uint8) * 255))
    return out


def detect_faces(image, config_path, checkpoint_path, conf_thres=0.3):
    results = inference_segm(image, config_path, checkpoint_path, conf_thres)
    if len(results["bboxes"]) == 0:
        return []
    return dilate_masks(create_segmasks(results))


if __name__ == "__main__":
    img = Image.open("input.png").convert("RGB")
    masks = detect_faces(img, "models/mmdet/segm/mmdet_dd-person_mask2former.py",
                         "models/mmdet/segm/mmdet_dd-person_mask2former.pth")
    print(f"found {len(masks)} masks")
