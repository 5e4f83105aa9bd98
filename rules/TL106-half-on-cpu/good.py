import torch
from transformers import AutoModelForCausalLM


def cpu_float32(path, inputs):
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float32, device_map="cpu")
    return model.generate(**inputs)


def gpu_half(path, inputs):
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float16, device_map="cuda")
    return model.generate(**inputs)


def bf16_then_gpu(x):
    net = torch.nn.Linear(4, 4).bfloat16()
    net.cpu()
    net.cuda()
    return net(x.cuda())
