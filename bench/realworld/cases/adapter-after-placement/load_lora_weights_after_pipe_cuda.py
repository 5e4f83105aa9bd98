# source: https://github.com/huggingface/diffusers/pull/9510
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: class
# bug-lines: 31
# cpu: no needs a download and a GPU
# needs: torch, diffusers, peft
import torch
from diffusers import FluxPipeline


class StyleRenderer:
    """Keeps one Flux pipeline resident and swaps style LoRAs per request."""

    def __init__(self, base="black-forest-labs/FLUX.1-dev", device="cuda"):
        self.device = device
        self.pipe = FluxPipeline.from_pretrained(base, torch_dtype=torch.bfloat16).to(device)
        self.active = None

    def set_style(self, repo_id, weight_name):
        if self.active == (repo_id, weight_name):
            return
        if self.active is not None:
            self.pipe.unload_lora_weights()
        self._load(repo_id, weight_name)
        self.active = (repo_id, weight_name)

    def _load(self, repo_id, weight_name):
        # pipeline is already on the GPU; adapter tensors are built on the host
        # to save memory while loading
        self.pipe.load_lora_weights(repo_id, weight_name=weight_name, low_cpu_mem_usage=True)

    @torch.no_grad()
    def render(self, prompt, seed=42, steps=30):
        return self.pipe(
            prompt=prompt,
            num_inference_steps=steps,
            width=1024,
            height=1024,
            generator=torch.manual_seed(seed),
        ).images[0]


if __name__ == "__main__":
    renderer = StyleRenderer()
    renderer.set_style("TheLastBen/The_Hound", "sandor_clegane_single_layer.safetensors")
    renderer.render("sandor clegane drinking in a pub").save("sandor.png")
