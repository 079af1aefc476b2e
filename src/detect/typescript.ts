// The TypeScript compiler API, imported in this one place: the bundler wraps a CommonJS module
// for each module that imports it, copying its 2,000-odd exports each time, which a cold first
// detection paid a dozen times over.
import ts from 'typescript';

export default ts;
