import torch
from transformers import AutoModelForCausalLM


def cpu_inference(path, inputs):
    # A GPU recipe copied to a CPU-only machine.
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float16, device_map="cpu")
    return model.generate(**inputs)  # expect: TL106:12 lines=7,7


def offline_eval(model_cls, x):
    model = model_cls.from_pretrained("ckpt")
    net = torch.nn.Linear(4, 4).half()
    net.cpu()
    return net(x)  # expect: TL106:12 lines=13,14
