# source: https://github.com/Tencent-Hunyuan/HunyuanDiT/issues/13
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, diffusers, gradio
# cpu: no written where torch was not installed; not run
"""Text-to-image Gradio demo that also has to run on CPU-only boxes."""
import gradio as gr
import torch
from diffusers import DiffusionPipeline

MODEL_ID = "stabilityai/stable-diffusion-2-1-base"


def pick_device_and_dtype(force_cpu=False):
    if torch.cuda.is_available() and not force_cpu:
        return torch.device("cuda"), torch.float16
    return torch.device("cpu"), torch.float32


def maybe_half(module):
    if next(module.parameters()).is_cuda:
        return module.half()
    return module


class T2IApp:
    def __init__(self, force_cpu=False):
        self.device, self.dtype = pick_device_and_dtype(force_cpu)
        self.pipe = DiffusionPipeline.from_pretrained(MODEL_ID, torch_dtype=self.dtype)
        self.pipe = self.pipe.to(self.device)
        self.pipe.vae = maybe_half(self.pipe.vae)
        if self.device.type == "cpu":
            self.pipe.enable_attention_slicing()

    def generate(self, prompt, steps, guidance, seed):
        gen = torch.Generator(device=self.device).manual_seed(int(seed))
        latents = torch.randn((1, 4, 64, 64), generator=gen, device=self.device)
        if self.device.type == "cuda":
            latents = latents.half()
        result = self.pipe(prompt, num_inference_steps=int(steps), guidance_scale=float(guidance),
                           latents=latents.to(self.dtype), generator=gen)
        return result.images[0]


app = T2IApp()

demo = gr.Interface(
    fn=app.generate,
    inputs=[
        gr.Textbox(label="Prompt"),
        gr.Slider(5, 50, value=25, step=1, label="Steps"),
        gr.Slider(1.0, 12.0, value=7.5, label="Guidance"),
        gr.Number(value=42, label="Seed"),
    ],
    outputs=gr.Image(label="Result"),
)

if __name__ == "__main__":
    demo.launch()
