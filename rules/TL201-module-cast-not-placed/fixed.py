# MiniCPM-V LoRA fine-tuning, as in the report that started torchlint: the model is
# loaded, cast to half, wrapped with LoRA and never placed (the script relied on the
# training loop to do it). The batch is on the GPU, the weights are not.
import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModel, CLIPVisionModel


def train(model_path, batches, local_rank):
    device = torch.device("cuda", local_rank)
    model = AutoModel.from_pretrained(model_path, trust_remote_code=True)
    model = model.half()
    model = get_peft_model(model, LoraConfig(r=64, target_modules=["q_proj", "v_proj"]))
    for batch in batches:
        pixel_values = batch["pixel_values"].to(device)
        loss = model(pixel_values)  # expect: TL201:16 lines=12,13,15
        loss.backward()


def caption(path, images):
    # A bfloat16 cast with .to(dtype): still no device.
    vision_tower = CLIPVisionModel.from_pretrained(path)
    vision_tower.to(torch.bfloat16)
    images = images.cuda()
    return vision_tower(images)  # expect: TL201:12 lines=23,24


def load_in_half(path, image, device):
    # torch_dtype= casts while loading; without device_map nothing places it.
    model = AutoModel.from_pretrained(path, torch_dtype=torch.float16)
    return model.generate(image.to(device))  # expect: TL201:12 lines=30,31
