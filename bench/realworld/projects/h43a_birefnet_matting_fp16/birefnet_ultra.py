# source: https://github.com/chflame163/ComfyUI_LayerStyle_Advance/issues/149 https://github.com/Azornes/Comfyui-LayerForge/issues/27
# error: RuntimeError: Input type (float) and bias type (c10::Half) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class, batch-dict, helper
# bug-lines: 28, 30
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Matting node: runs the loaded BiRefNet model over a batch of images and returns masks."""
import torch
from torchvision import transforms

from birefnet_loader import LoadBiRefNetModelV2
from imagefunc import image2mask, pil2tensor, refine_edges, rgba_compose, tensor2pil

transform_image = transforms.Compose([
    transforms.Resize((1024, 1024)),
    transforms.ToTensor(),
    transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])


class BiRefNetUltraV2:
    RETURN_TYPES = ("IMAGE", "MASK")
    FUNCTION = "matting"

    def predict_mask(self, birefnet, pil_image):
        model, device = birefnet["model"], birefnet["device"]
        inputs = transform_image(pil_image).unsqueeze(0).to(device)
        with torch.no_grad():
            preds = model(inputs)[-1].sigmoid().float().cpu()
        return transforms.ToPILImage()(preds[0].squeeze()).resize(pil_image.size)

    def matting(self, image, birefnet_model, detail_radius=2):
        out_images, out_masks = [], []
        for frame in image:
            pil_image = tensor2pil(frame).convert("RGB")
            mask_img = refine_edges(self.predict_mask(birefnet_model, pil_image), detail_radius)
            out_images.append(pil2tensor(rgba_compose(pil_image, mask_img)))
            out_masks.append(image2mask(mask_img))
        return (torch.cat(out_images, dim=0), torch.cat(out_masks, dim=0))


def run(weights_path, image_batch):
    (birefnet,) = LoadBiRefNetModelV2().load(weights_path, device="cuda", precision="fp16")
    return BiRefNetUltraV2().matting(image_batch, birefnet)
