# source: https://github.com/instantX-research/InstantID/issues/121
# error: none (correct: the extra fp16 sub-model is moved whenever the pipeline is moved)
# shape: class
# looks-like: module-cast-not-placed
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class Resampler(nn.Module):
    def __init__(self, embedding_dim=16, output_dim=32):
        super().__init__()
        self.proj_in = nn.Linear(embedding_dim, output_dim)
        self.proj_out = nn.Linear(output_dim, output_dim)

    def forward(self, x):
        return self.proj_out(self.proj_in(x))


class InstantIDPipeline:
    def __init__(self, unet, dtype):
        self.unet = unet.to(dtype)
        self.dtype = dtype
        self.device = torch.device("cpu")
        self.image_proj_model = None

    def set_image_proj_model(self, image_emb_dim=16):
        self.image_proj_model = Resampler(image_emb_dim).eval().to(self.device, dtype=self.dtype)

    def to(self, device):
        self.device = torch.device(device)
        self.unet.to(self.device)
        if self.image_proj_model is not None:
            self.image_proj_model.to(self.device)
        return self

    @torch.no_grad()
    def __call__(self, image_embeds, latents):
        emb = self.image_proj_model(image_embeds.to(device=self.device, dtype=self.dtype))
        return self.unet(latents.to(self.device, self.dtype) + emb.mean())


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if device == "cuda" else torch.float32
    pipe = InstantIDPipeline(nn.Sequential(nn.Linear(32, 32), nn.SiLU()), dtype)
    pipe.set_image_proj_model()
    pipe = pipe.to(device)
    print(pipe(torch.randn(1, 1, 16), torch.randn(1, 32)).shape)
