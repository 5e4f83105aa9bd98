# source: https://github.com/huggingface/diffusers/pull/9510
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# shape: class
# looks-like: adapter-after-placement
# cpu: no needs a download and a GPU
# needs: torch, diffusers, peft
import torch
from diffusers import FluxPipeline


class StyleRenderer:
    """Loads one style LoRA into a Flux pipeline, then places the pipeline."""

    def __init__(self, repo_id, weight_name, base="black-forest-labs/FLUX.1-dev", device="cuda"):
        self.pipe = FluxPipeline.from_pretrained(base, torch_dtype=torch.bfloat16)
        self.pipe.load_lora_weights(repo_id, weight_name=weight_name)
        self.pipe.to(device)

    @torch.no_grad()
    def render(self, prompt, seed=42, steps=30):
        return self.pipe(prompt=prompt, num_inference_steps=steps, width=1024, height=1024,
                         generator=torch.manual_seed(seed)).images[0]


if __name__ == "__main__":
    renderer = StyleRenderer("TheLastBen/The_Hound", "sandor_clegane_single_layer.safetensors")
    renderer.render("sandor clegane drinking in a pub").save("sandor.png")
