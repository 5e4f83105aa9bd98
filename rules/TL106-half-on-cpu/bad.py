import torch
from transformers import AutoModelForCausalLM


def cpu_inference(path, inputs):
    # A GPU recipe copied to a CPU-only machine.
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.float16, device_map="cpu")  # expect: TL106:56 lines=7,8
    return model.generate(**inputs)


def offline_eval(model_cls, x):
    model = model_cls.from_pretrained("ckpt")
    net = torch.nn.Linear(4, 4).half()  # expect: TL106:11 lines=14,15
    net.cpu()
    return net(x)


class ChatEngine:
    # VisualGLM's web demo: half for every run, the GPU only when there is one. A
    # machine without a GPU runs the convolutions in float16 on the CPU
    # ('"slow_conv2d_cpu" not implemented for 'Half'').
    def __init__(self):
        self.model = torch.nn.Conv2d(3, 8, 3).half()  # expect: TL106:22 lines=24,30
        if torch.cuda.is_available():
            self.model = self.model.cuda()

    def chat(self, image):
        image = image.to(next(self.model.parameters()).device, torch.float16)
        with torch.no_grad():
            return self.model(image)


def demo(image):
    return ChatEngine().chat(image)
