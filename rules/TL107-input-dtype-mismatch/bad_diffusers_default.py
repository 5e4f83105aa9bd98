# diffusers loads in float32 unless `torch_dtype=` says otherwise: the VAE is
# float32, and the masked images are cast to the half weight dtype before encoding.
import torch
from diffusers import AutoencoderKL
from torch.utils.data import DataLoader, TensorDataset


def encode_masked(vae, masked_images, weight_dtype, device):
    images = masked_images.to(device, dtype=weight_dtype)  # expect: TL107:14 lines=10
    return vae.encode(images).latent_dist.sample()


def main(model_id, device="cuda"):
    loader = DataLoader(TensorDataset(torch.rand(64, 3, 256, 256)), batch_size=4)
    vae = AutoencoderKL.from_pretrained(model_id, subfolder="vae").to(device)
    for (masked_images,) in loader:
        encode_masked(vae, masked_images, torch.float16, device)
