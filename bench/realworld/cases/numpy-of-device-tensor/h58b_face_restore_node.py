# source: https://github.com/Gourieff/comfyui-reactor-node/issues/357
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class
# bug-lines: 15
# needs: torch, numpy, PIL, diffusers
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from PIL import Image


def tensor_to_pil(image):
    # image: [H, W, C] float in 0..1, as handed over by the VAE decode node
    array = np.clip(255.0 * image.numpy(), 0, 255).astype(np.uint8)
    return Image.fromarray(array)


def pil_to_tensor(pil_image):
    array = np.asarray(pil_image).astype(np.float32) / 255.0
    return torch.from_numpy(array)


class FaceRestoreNode:
    RETURN_TYPES = ("IMAGE",)
    FUNCTION = "restore"

    def __init__(self, restorer):
        self.restorer = restorer

    def restore(self, images, fidelity=0.5):
        restored = []
        for image in images:
            pil = tensor_to_pil(image)
            out = self.restorer.enhance(pil, weight=fidelity)
            restored.append(pil_to_tensor(out))
        return (torch.stack(restored, dim=0),)


def decode_and_restore(vae, latents, node):
    with torch.no_grad():
        decoded = vae.decode(latents / vae.config.scaling_factor).sample
    images = ((decoded + 1.0) / 2.0).clamp(0, 1).permute(0, 2, 3, 1)
    return node.restore(images)[0]


class PassThroughRestorer:
    def enhance(self, img, weight=0.5):
        return img


if __name__ == "__main__":
    from diffusers import AutoencoderKL

    vae = AutoencoderKL.from_pretrained("stabilityai/sd-vae-ft-mse").to("cuda")
    latents = torch.randn(1, 4, 64, 64, device="cuda")
    out = decode_and_restore(vae, latents, FaceRestoreNode(PassThroughRestorer()))
    print(out.shape)
