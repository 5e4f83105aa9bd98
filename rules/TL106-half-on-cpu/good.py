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


class ChatEngine:
    # Cast where it is moved: float32 on a machine without a GPU.
    def __init__(self):
        self.model = torch.nn.Conv2d(3, 8, 3)
        if torch.cuda.is_available():
            self.model = self.model.half().cuda()

    def chat(self, image):
        param = next(self.model.parameters())
        return self.model(image.to(param.device, param.dtype))


def demo(image):
    return ChatEngine().chat(image)


def half_or_float(x):
    # The run without a GPU goes back to float32.
    net = torch.nn.Linear(4, 4).half()
    if torch.cuda.is_available():
        net = net.cuda()
    else:
        net = net.float()
    return net(x)


def half_under_autocast(x):
    net = torch.nn.Linear(4, 4).half()
    if torch.cuda.is_available():
        net.cuda()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        return net(x)


chat_model = torch.nn.Linear(4, 4).half()
if __name__ == "__main__":
    # The script's main block is not a device check: here the model is always moved.
    chat_model.cuda()
    chat_model(torch.randn(2, 4, device="cuda").half())


CUDA = torch.cuda.is_available()


def half_only_with_a_gpu(x, big=True):
    # The float16 model is made only when a GPU is there: the run without one loads
    # float32 (a flag set from the device check is that check).
    if big and CUDA:
        net = torch.nn.Linear(4, 4).half()
    else:
        net = torch.nn.Linear(4, 4)
    if CUDA:
        net = net.cuda()
    return net(x)


def cast_and_moved_under_two_checks(x):
    net = torch.nn.Linear(4, 4)
    if torch.cuda.is_available():
        net = net.half()
    if torch.cuda.is_available():
        net.cuda()
    return net(x)
