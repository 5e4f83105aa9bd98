# source: https://github.com/TencentARC/T2I-Adapter/issues/9
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, top-level
# bug-lines: 40
# needs: torch, numpy, diffusers, gradio, PIL
# cpu: no written where torch was not installed; not run
import gradio as gr
import numpy as np
import torch
from diffusers import StableDiffusionAdapterPipeline, T2IAdapter
from PIL import Image

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
DTYPE = torch.float16 if DEVICE == "cuda" else torch.float32
SIZE = 512

adapter = T2IAdapter.from_pretrained("TencentARC/t2iadapter_sketch_sd14v1", torch_dtype=DTYPE)
pipe = StableDiffusionAdapterPipeline.from_pretrained(
    "CompVis/stable-diffusion-v1-4", adapter=adapter, torch_dtype=DTYPE
).to(DEVICE)
pipe.set_progress_bar_config(disable=True)


def sketch_to_tensor(img, white_background):
    gray = Image.fromarray(img).convert("L").resize((SIZE, SIZE))
    arr = np.asarray(gray, dtype=np.float32)
    if white_background:
        arr = 255.0 - arr
    edges = torch.from_numpy(arr / 255.0)[None, None]
    return (edges > 0.5).float()


def latents_to_frame(latents):
    scale = pipe.vae.config.scaling_factor
    with torch.no_grad():
        decoded = pipe.vae.decode(latents / scale).sample
    decoded = torch.clamp((decoded + 1.0) / 2.0, min=0.0, max=1.0)
    # HWC float frame for gradio gallery
    frame = decoded.permute(0, 2, 3, 1).float().numpy()[0]
    return (frame * 255.0).round().astype(np.uint8)


def generate(img, prompt, negative, background, steps, guidance, seed):
    edges = sketch_to_tensor(img, background == "White")
    gen = torch.Generator(device=DEVICE).manual_seed(int(seed))
    latents = pipe(
        prompt=prompt,
        negative_prompt=negative,
        image=edges.to(DEVICE, DTYPE),
        num_inference_steps=int(steps),
        guidance_scale=float(guidance),
        generator=gen,
        output_type="latent",
    ).images
    edge_preview = (edges[0, 0].numpy() * 255).astype(np.uint8)
    return [edge_preview, latents_to_frame(latents)]


with gr.Blocks() as demo:
    gr.Markdown("# Sketch-guided generation (T2I-Adapter)")
    with gr.Row():
        with gr.Column():
            sketch = gr.Image(type="numpy", label="Sketch")
            prompt = gr.Textbox(label="Prompt")
            negative = gr.Textbox(label="Negative prompt", value="lowres, blurry, watermark")
            background = gr.Radio(["White", "Black"], value="Black", label="Sketch background")
            steps = gr.Slider(10, 80, value=50, step=1, label="Steps")
            guidance = gr.Slider(1.0, 15.0, value=7.5, step=0.5, label="Guidance scale")
            seed = gr.Number(value=42, label="Seed")
            run = gr.Button("Run")
        gallery = gr.Gallery(label="Output")
    run.click(generate, [sketch, prompt, negative, background, steps, guidance, seed], gallery)

if __name__ == "__main__":
    demo.queue().launch(server_name="0.0.0.0")
