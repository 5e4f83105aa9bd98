# source: https://github.com/instantX-research/InstantID/issues/121
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: module-cast-not-placed
# shape: class
# bug-lines: 41
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class Resampler(nn.Module):
    def __init__(self, embedding_dim=16, output_dim=32, num_queries=4):
        super().__init__()
        self.latents = nn.Parameter(torch.randn(1, num_queries, output_dim))
        self.proj_in = nn.Linear(embedding_dim, output_dim)
        self.proj_out = nn.Linear(output_dim, output_dim)

    def forward(self, x):
        x = self.proj_in(x)
        return self.proj_out(self.latents.expand(x.shape[0], -1, -1) + x.mean(1, keepdim=True))


class InstantIDPipeline:
    def __init__(self, unet, dtype=torch.float16):
        self.unet = unet.to(dtype)
        self.dtype = dtype
        self.device = torch.device("cpu")
        self._execution_device = torch.device("cpu")

    def enable_model_cpu_offload(self, device="cuda"):
        # only the registered components get offload hooks that move them at call time
        self._execution_device = torch.device(device)
        self.unet.to(self._execution_device)

    def load_ip_adapter_instantid(self, state_dict=None):
        self.set_image_proj_model(state_dict)

    def set_image_proj_model(self, state_dict=None, image_emb_dim=16):
        image_proj_model = Resampler(embedding_dim=image_emb_dim).eval()
        self.image_proj_model = image_proj_model.to(self.device, dtype=self.dtype)

    def _encode_prompt_image_emb(self, prompt_image_emb, device):
        prompt_image_emb = prompt_image_emb.to(device=device, dtype=self.dtype)
        return self.image_proj_model(prompt_image_emb)

    @torch.no_grad()
    def __call__(self, image_embeds, latents):
        device = self._execution_device
        emb = self._encode_prompt_image_emb(image_embeds, device)
        return self.unet(latents.to(device, self.dtype) + emb.mean())


if __name__ == "__main__":
    unet = nn.Sequential(nn.Linear(32, 32), nn.SiLU(), nn.Linear(32, 32))
    pipe = InstantIDPipeline(unet, dtype=torch.float16)
    pipe.load_ip_adapter_instantid()
    if torch.cuda.is_available():
        pipe.enable_model_cpu_offload()
    face_emb = torch.randn(1, 1, 16)
    print(pipe(face_emb, torch.randn(1, 32)).shape)
