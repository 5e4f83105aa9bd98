# source: https://github.com/duyhominhnguyen/LVM-Med/issues/10
# error: RuntimeError: Attempting to deserialize object on CUDA device 3 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: multi-file, top-level
# needs: torch, numpy, segment_anything, pillow
# cpu: no written where torch was not installed; not run
"""Box-prompted polyp segmentation with the Kvasir fine-tuned SAM."""
import numpy as np
import torch
from PIL import Image
from segment_anything import SamPredictor

from med_registry import sam_model_registry

DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
MODEL_TYPE = "vit_b"
CHECKPOINT = "lvm_med_weights/sam_model_best_large_ssl_kvasir.pth"

sam = sam_model_registry[MODEL_TYPE](checkpoint=CHECKPOINT)
sam.to(device=DEVICE)
sam.eval()
predictor = SamPredictor(sam)

image = np.array(Image.open("kvasir/images/cju0qkwl35piu0993l0dewei2.jpg").convert("RGB"))
predictor.set_image(image)
box = np.array([120, 80, 410, 360])
masks, scores, _ = predictor.predict(box=box[None, :], multimask_output=False)
mask = (masks[0] * 255).astype(np.uint8)
Image.fromarray(mask).save("polyp_mask.png")
print("predicted IoU:", float(scores[0]))
