# source: https://github.com/kijai/ComfyUI-DeepSeek-VL/issues/2
# error: RuntimeError: Input type (struct c10::BFloat16) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: class, batch-dict
# bug-lines: 60, 71, 72
# cpu: raises "Input type (c10::BFloat16) and bias type (float)"
# needs: torch

import torch
import torch.nn as nn


def get_torch_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def vae_dtype():
    return torch.float32


class BatchedVLChatProcessorOutput(dict):

    def to(self, device, dtype=torch.bfloat16):
        moved = BatchedVLChatProcessorOutput()
        for key, value in self.items():
            if key == "pixel_values":
                moved[key] = value.to(device=device, dtype=dtype)
            else:
                moved[key] = value.to(device)
        return moved


class VLChatProcessor:
    def __call__(self, prompt, images):
        ids = torch.tensor([[ord(c) % 128 for c in prompt]])
        return BatchedVLChatProcessorOutput(
            input_ids=ids, attention_mask=torch.ones_like(ids), pixel_values=images.float()
        )


class MultiModalityCausalLM(nn.Module):
    def __init__(self, hidden=32):
        super().__init__()
        self.vision_model = nn.Sequential(nn.Conv2d(3, hidden, 8, 8), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.aligner = nn.Linear(hidden, hidden)
        self.embed_tokens = nn.Embedding(128, hidden)

    def prepare_inputs_embeds(self, input_ids, pixel_values, attention_mask):
        images_embeds = self.aligner(self.vision_model(pixel_values))
        text_embeds = self.embed_tokens(input_ids)
        return torch.cat([images_embeds[:, None], text_embeds], dim=1)


class DeepSeekVLModelLoader:
    def loadmodel(self, model="deepseek-vl-1.3b-chat"):
        dtype = vae_dtype()
        device = get_torch_device()
        processor = VLChatProcessor()
        vl_gpt = MultiModalityCausalLM()
        vl_gpt = vl_gpt.to(dtype).to(device).eval()
        return ({"chat_processor": processor, "model": vl_gpt, "name": model},)


class DeepSeekVLInference:
    def process(self, images, deepseek_vl_model, prompt):
        device = get_torch_device()
        processor = deepseek_vl_model["chat_processor"]
        model = deepseek_vl_model["model"]
        answers = []
        for img in images:
            prepare_inputs = processor(prompt, img.unsqueeze(0)).to(device)
            inputs_embeds = model.prepare_inputs_embeds(**prepare_inputs)
            answers.append(float(inputs_embeds.float().mean()))
        return (answers,)


if __name__ == "__main__":
    (vl_model,) = DeepSeekVLModelLoader().loadmodel()
    with torch.no_grad():
        print(DeepSeekVLInference().process(torch.rand(2, 3, 32, 32), vl_model, "Describe the image."))
